/**
 * The agent's machinery: start-up and install, the table of seams ({@code AgentSeams}) and of bridge calls ({@code
 * Hook}), the transformer gate, the self-test, the report writer and the helper class loader. Not an API.
 */
package dev.portguard.agent.internal;
