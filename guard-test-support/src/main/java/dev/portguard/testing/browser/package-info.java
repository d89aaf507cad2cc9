/** A real headless Chromium for tests of the pages PortGuard writes: what loaded, what it logged, a screenshot. */
package dev.portguard.testing.browser;
