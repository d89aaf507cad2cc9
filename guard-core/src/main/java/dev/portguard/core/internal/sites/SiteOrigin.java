package dev.portguard.core.internal.sites;

/**
 * A site inside a dependency: the {@code artifact} its class came from ({@code group:artifact:version}, or the
 * manifest's title and version) and the first frame of the application's own code that called into it, or
 * {@code null} when none was on the stack (a pool built on a library's own thread).
 */
public record SiteOrigin(String artifact, String calledFrom) {
}
