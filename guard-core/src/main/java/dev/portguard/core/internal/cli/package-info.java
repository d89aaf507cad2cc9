/** The command-line scaffolding the doctor and node mode share: options, usage, and their exit statuses. */
package dev.portguard.core.internal.cli;
