/**
 * Advice inlined into library and JDK classes. Each one only hands what it sees to
 * {@link dev.portguard.agent.bootstrap.Bridge} (on the boot class path, so every class loader reaches it), adds
 * no method or field, and suppresses every throwable. Parameters are typed {@code Object} so the agent compiles
 * against no client library and no JDK internals.
 */
package dev.portguard.agent.internal.advice;
