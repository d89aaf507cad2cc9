package corpusapp;

import corpuslib.PriceLookup;
import dev.portguard.corpus.Corpus;

/** Bad, in a dependency: the app calls a library that builds a new client per call. {@code <url> <calls>} */
public final class LibraryPerRequest {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            PriceLookup.price(args[0]);
        }
        Corpus.done();
    }
}
