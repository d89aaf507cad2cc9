/**
 * The weaver: matches a class's declared methods against its seams from the class file alone and weaves the bridge
 * calls in with ASM, writing frames by hand so no class is loaded.
 */
package dev.portguard.agent.internal.weave;
