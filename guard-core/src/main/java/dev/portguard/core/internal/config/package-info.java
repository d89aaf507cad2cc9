/**
 * One table of settings: each key with its default, parsing, printing, accepted values and documentation line;
 * {@code GuardConfig} stores and validates through it. Not API: may change in any release.
 */
package dev.portguard.core.internal.config;
