package dev.portguard.testing.browser;

import java.util.List;

/**
 * What a page did when Chromium loaded it.
 *
 * @param url      the page's own address
 * @param requests every other address it asked for (images, scripts, fonts, anything over the network)
 * @param errors   console errors, uncaught exceptions and the browser's own error log entries (a blocked load, a
 *                 policy violation)
 * @param text     the page's visible text ({@code document.body.innerText})
 * @param charts   how many {@code svg} elements it rendered with a non-zero size
 */
public record PageLoad(String url, List<String> requests, List<String> errors, String text, int charts) {
    public PageLoad {
        requests = List.copyOf(requests);
        errors = List.copyOf(errors);
    }
}
