package demoapp;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;

import static net.bytebuddy.matcher.ElementMatchers.named;

/** An app that bundles its own ByteBuddy, uses it, and then makes OkHttp requests with a client per request. */
public final class OwnByteBuddyApp {
    public static void main(String[] args) throws Exception {
        Class<?> made = new ByteBuddy().subclass(Object.class)
                .method(named("toString")).intercept(FixedValue.value("made by the app's ByteBuddy"))
                .make().load(OwnByteBuddyApp.class.getClassLoader()).getLoaded();
        String jar = ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        System.out.println(made.getDeclaredConstructor().newInstance() + " from " + jar);
        OkHttpApp.main(args);
    }
}
