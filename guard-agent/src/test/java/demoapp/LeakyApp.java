package demoapp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the leak apps share: {@code <base url> leak|close <wait ms>}. {@code leak} takes four responses through the
 * app's {@code forget}, which neither reads nor closes them; {@code close} makes the app's healthy calls, then three
 * slow downloads at once, each read to its end while it lasts. Then it waits (long past leak.age, so the guard's
 * watch has looked) and prints how many responses it forgot.
 */
final class LeakyApp {
    /** One call of the app, to {@code url}. */
    interface Call {
        void call(String url) throws Exception;
    }

    /** The app's healthy calls under {@code base}. */
    interface Healthy {
        void calls(String base) throws Exception;
    }

    /** One slow download, read to its end: the bytes read. */
    interface Download {
        long read(String url) throws Exception;
    }

    private static final List<Object> FORGOTTEN = Collections.synchronizedList(new ArrayList<>());

    private LeakyApp() {
    }

    static void run(String[] args, Call forget, Healthy healthy, Download download) throws Exception {
        String base = args[0];
        if (args[1].equals("leak")) {
            for (int i = 0; i < 4; i++) {
                forget.call(base + "/small");
            }
        } else {
            healthy.calls(base);
            Downloads.inParallel(3, () -> download.read(base + "/stream"));
        }
        Thread.sleep(Long.parseLong(args[2]));
        System.out.println("done " + FORGOTTEN.size());
    }

    /** A response the app will never read nor close: kept so that nothing collects it either. */
    static void forgot(Object response) {
        FORGOTTEN.add(response);
    }

    /** {@code call} to {@code url}, {@code times} times. */
    static void repeat(int times, String url, Call call) throws Exception {
        for (int i = 0; i < times; i++) {
            call.call(url);
        }
    }
}
