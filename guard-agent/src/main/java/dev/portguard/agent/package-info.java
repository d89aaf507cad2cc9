/**
 * The javaagent's public face: {@code -javaagent:guard-agent.jar} (premain, agentmain), {@link
 * dev.portguard.agent.GuardAgent#install()} for self-attach, and the command-line entry.
 */
package dev.portguard.agent;
