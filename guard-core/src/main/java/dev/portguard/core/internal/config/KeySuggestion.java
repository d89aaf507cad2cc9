package dev.portguard.core.internal.config;

import java.util.Optional;

/**
 * The known key a name was probably meant to be. {@code portguard.*} is a prefix other tools use too (a build that
 * passes {@code -Dportguard.version=0.1.0} to its tests), so an unknown name from the environment is only worth a
 * word when it is a near miss of a real key: a letter or two off, or the right words in another spelling.
 */
public final class KeySuggestion {
    private KeySuggestion() {
    }

    /** The known key {@code name} (without prefix) was likely meant to be, or empty for an unrelated name. */
    public static Optional<String> forKey(String name) {
        String normalised = normalise(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting<?> s : Settings.ALL) {
            int d = distance(normalised, normalise(s.key()));
            if (d < bestDistance) {
                best = s.key();
                bestDistance = d;
            }
        }
        // Fewer edits for shorter names, so an unrelated short word (PORTGUARD_HOME) is not taken for a typo (mode).
        int allowed = normalised.length() >= 8 ? 2 : normalised.length() >= 5 ? 1 : 0;
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Case, and the separators people swap ({@code min_requests}, {@code min-requests}, {@code minRequests}). */
    private static String normalise(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '.' && c != '_' && c != '-') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** Levenshtein distance with an adjacent swap counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
