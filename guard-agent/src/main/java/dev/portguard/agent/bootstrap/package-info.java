/**
 * The bridge woven library and JDK code calls: two tiny classes typed with JDK types only, defined in the boot
 * class loader at start so every class loader reaches them.
 */
package dev.portguard.agent.bootstrap;
