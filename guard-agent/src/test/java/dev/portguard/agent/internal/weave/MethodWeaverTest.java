package dev.portguard.agent.internal.weave;

import dev.portguard.agent.internal.weave.Seam.Exit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.objectweb.asm.util.CheckClassAdapter;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.portguard.agent.internal.weave.MethodMatch.constructor;
import static dev.portguard.agent.internal.weave.MethodMatch.method;
import static dev.portguard.agent.internal.weave.Value.argument;
import static dev.portguard.agent.internal.weave.Value.constant;
import static dev.portguard.agent.internal.weave.Value.noFailure;
import static dev.portguard.agent.internal.weave.Value.returned;
import static dev.portguard.agent.internal.weave.Value.self;
import static dev.portguard.agent.internal.weave.Value.thrown;
import static dev.portguard.agent.internal.weave.Value.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Weaves a class compiled here by javac (wide arguments, a constructor, a static method, several returns, nested
 * try/catch/finally, a throw path) with seams of every shape, checks the result with ASM's CheckClassAdapter
 * (data flow included), loads it (so the JVM verifies its frames), runs it, and checks what reached the bridge.
 */
@Execution(ExecutionMode.SAME_THREAD) // one recording bridge for all the woven classes
class MethodWeaverTest {
    private static final String SOURCE = """
            package synthetic;

            public class Target {
                public final String name;

                public Target(String name, long size, double ratio) {
                    this.name = size > 0 ? name + ":" + size + ":" + ratio : name;
                }

                public static String join(long a, String b, double c, Object d) {
                    if (a < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return a + b + c + d;
                }

                public Object pick(int mode, Object x, long y) {
                    if (mode == 0) {
                        return x;
                    }
                    if (mode == 1) {
                        return Long.valueOf(y);
                    }
                    if (mode == 2) {
                        throw new IllegalStateException("two");
                    }
                    return null;
                }

                public String nested(Object x, int mode) {
                    StringBuilder trail = new StringBuilder();
                    try {
                        try {
                            if (mode == 0) {
                                throw new IllegalArgumentException("inner");
                            }
                            if (mode == 2) {
                                throw new AssertionError("escapes");
                            }
                            return "plain:" + x;
                        } catch (IllegalArgumentException e) {
                            trail.append("caught ").append(e.getMessage());
                            if (mode == 0) {
                                throw new IllegalStateException(trail.toString());
                            }
                            return "unreached";
                        } finally {
                            trail.append(" finally");
                        }
                    } catch (IllegalStateException e) {
                        return e.getMessage() + " then outer";
                    }
                }

                public long total(long a, double b) {
                    long sum = a;
                    for (int i = 0; i < 3; i++) {
                        sum += (long) b;
                    }
                    return sum;
                }

                public void check(Object x) {
                    if (x == null) {
                        throw new NullPointerException("x");
                    }
                }

                public String answer(String question) {
                    return "own:" + question;
                }
            }
            """;

    private static final String BRIDGE = RecordingBridge.class.getName().replace('.', '/');
    private static final ClassSeams SEAMS = ClassSeams.of("synthetic.Target", "synthetic",
            Seam.onExit(constructor(3), BridgeCall.of(0, "created", self(), argument(0), constant("kind")),
                    Exit.RETURN),
            Seam.around(method("join", 4).asStatic(),
                    BridgeCall.keepingToken(1, "joining", argument(1), argument(3)),
                    BridgeCall.of(2, "joined", token(), returned(), thrown()), Exit.RETURN_OR_THROW),
            Seam.around(method("pick", 3),
                    BridgeCall.of(3, "picking", self(), argument(1)),
                    BridgeCall.of(4, "picked", argument(1), returned(), thrown()), Exit.RETURN_OR_THROW),
            Seam.onExit(method("nested", 2), BridgeCall.of(5, "nested", argument(0), returned(), thrown()),
                    Exit.RETURN_OR_THROW),
            Seam.onEnter(method("total", 2), BridgeCall.of(6, "total", self())),
            Seam.onExit(method("check", 1), BridgeCall.of(7, "checkFailed", argument(0), thrown(), noFailure()),
                    Exit.THROW),
            Seam.onEnter(method("answer", 1), BridgeCall.returningEarly(8, "answering", argument(0))));

    private static byte[] original;
    private static byte[] woven;
    private Class<?> target;

    @BeforeAll
    static void compileAndWeave() {
        original = compile("synthetic.Target", SOURCE);
        ClassWeaver.Result result = new ClassWeaver(BRIDGE).weave(original, SEAMS);
        assertThat(result.missing()).isEmpty();
        woven = result.bytes();
    }

    @BeforeEach
    void load() throws Exception {
        target = new ByteLoader(Map.of("synthetic.Target", woven)).loadClass("synthetic.Target");
        RecordingBridge.CALLS.clear();
    }

    @Test
    void wovenCodePassesAsmsChecksWithDataFlow() {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new org.objectweb.asm.ClassReader(woven), target.getClassLoader(), false,
                new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
        assertThat(woven).isNotEqualTo(original);
    }

    @Test
    void constructorReportsTheInitialisedInstanceOnReturn() throws Exception {
        Object t = target.getConstructor(String.class, long.class, double.class).newInstance("a", 5L, 0.5);

        assertThat(target.getDeclaredField("name").get(t)).isEqualTo("a:5:0.5");
        assertThat(RecordingBridge.CALLS).containsExactly(call(0, t, "a", "kind"));
    }

    @Test
    void staticMethodWithWideArgumentsPassesItsTokenToTheExitCall() throws Exception {
        Method join = target.getMethod("join", long.class, String.class, double.class, Object.class);
        Object d = new Object();

        assertThat(join.invoke(null, 7L, "b", 1.5, d)).isEqualTo("7b1.5" + d);
        assertThat(RecordingBridge.CALLS).containsExactly(
                call(1, "b", d, null), call(2, RecordingBridge.TOKEN, "7b1.5" + d, null));

        RecordingBridge.CALLS.clear();
        Throwable thrown = thrownBy(join, null, -1L, "b", 1.5, d);
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("negative");
        assertThat(RecordingBridge.CALLS).containsExactly(
                call(1, "b", d, null), call(2, RecordingBridge.TOKEN, null, thrown));
    }

    @Test
    void everyReturnAndTheThrowReachTheExitCallWithTheArgumentAsItWasOnEntry() throws Exception {
        Object t = newTarget();
        Method pick = target.getMethod("pick", int.class, Object.class, long.class);
        Object x = "x";

        assertThat(pick.invoke(t, 0, x, 9L)).isSameAs(x);
        assertThat(pick.invoke(t, 1, x, 9L)).isEqualTo(9L);
        assertThat(pick.invoke(t, 3, x, 9L)).isNull();
        Throwable thrown = thrownBy(pick, t, 2, x, 9L);
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("two");

        assertThat(RecordingBridge.CALLS).containsExactly(
                call(3, t, x, null), call(4, x, x, null),
                call(3, t, x, null), call(4, x, 9L, null),
                call(3, t, x, null), call(4, x, null, null),
                call(3, t, x, null), call(4, x, null, thrown));
    }

    @Test
    void theMethodsOwnHandlersCatchFirstAndOnlyWhatEscapesIsReportedAsThrown() throws Exception {
        Object t = newTarget();
        Method nested = target.getMethod("nested", Object.class, int.class);

        assertThat(nested.invoke(t, "x", 0)).isEqualTo("caught inner then outer");
        assertThat(nested.invoke(t, "x", 1)).isEqualTo("plain:x");
        Throwable thrown = thrownBy(nested, t, "x", 2);
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessage("escapes");

        assertThat(RecordingBridge.CALLS).containsExactly(
                call(5, "x", "caught inner then outer", null),
                call(5, "x", "plain:x", null),
                call(5, "x", null, thrown));
    }

    @Test
    void enterOnlyAndThrowOnlySeamsLeaveTheRestOfTheMethodAlone() throws Exception {
        Object t = newTarget();

        assertThat(target.getMethod("total", long.class, double.class).invoke(t, 4L, 2.9)).isEqualTo(10L);
        target.getMethod("check", Object.class).invoke(t, "fine");
        Throwable thrown = thrownBy(target.getMethod("check", Object.class), t, (Object) null);
        assertThat(thrown).isInstanceOf(NullPointerException.class);

        assertThat(RecordingBridge.CALLS).containsExactly(call(6, t, null, null), call(7, null, thrown, null));
    }

    @Test
    void anEnterCallThatReturnsEarlyAnswersForTheMethodOnlyWithAValueOfItsReturnType() throws Exception {
        Object t = target.getConstructor(String.class, long.class, double.class).newInstance("a", 0L, 0.0);
        Method answer = target.getMethod("answer", String.class);
        assertThat(answer.invoke(t, "ask")).isEqualTo("answered");
        assertThat(answer.invoke(t, "other")).isEqualTo("own:other"); // null: the body runs
        assertThat(answer.invoke(t, "type")).isEqualTo("own:type"); // not a String: ignored, the body runs
        assertThat(RecordingBridge.CALLS).containsExactly(call(0, t, "a", "kind"), call(8, "ask", null, null),
                call(8, "other", null, null), call(8, "type", null, null));
        assertThatThrownBy(() -> Seam.onExit(method("answer", 1), BridgeCall.returningEarly(8, "x"), Exit.RETURN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClassWhereASeamMatchesNothingIsLeftAlone() {
        ClassSeams other = ClassSeams.of("synthetic.Target", "synthetic",
                Seam.onEnter(method("total", 2), BridgeCall.of(6, "total", self())),
                Seam.onEnter(method("absent", 0), BridgeCall.of(8, "absent")));

        ClassWeaver.Result result = new ClassWeaver(BRIDGE).weave(original, other);

        assertThat(result.bytes()).isNull();
        assertThat(result.missing()).extracting(s -> s.match().name()).containsExactly("absent");
    }

    @Test
    void seamsThatWouldReadWhatIsNotThereAreRefusedWhenTheTableIsBuilt() {
        assertThatThrownBy(() -> Seam.onEnter(method("pick", 3), BridgeCall.of(3, "x", returned())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Seam.onExit(constructor(3), BridgeCall.of(0, "x", thrown()), Exit.THROW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Seam.onExit(method("pick", 3), BridgeCall.of(2, "x", token()), Exit.RETURN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BridgeCall.of(2, "x", self(), self(), self(), self()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Object newTarget() throws Exception {
        Object t = target.getConstructor(String.class, long.class, double.class).newInstance("t", 0L, 0.0);
        RecordingBridge.CALLS.clear();
        return t;
    }

    private static List<Object> call(int hook, Object a, Object b, Object c) {
        return Arrays.asList(hook, a, b, c);
    }

    private static Throwable thrownBy(Method m, Object self, Object... args) throws IllegalAccessException {
        try {
            m.invoke(self, args);
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError(m + " did not throw");
    }

    /** javac in memory: real compiler output, with its own frames and exception tables. */
    static byte[] compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        var files = new javax.tools.ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       javax.tools.FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, files, null, List.of("--release", "17"), null, List.of(file)).call();
        assertThat(ok).as(errors.toString()).isTrue();
        return out.get(className).toByteArray();
    }

    /** Defines the given classes itself; everything else (the recording bridge) comes from the test's loader. */
    static final class ByteLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ByteLoader(Map<String, byte[]> classes) {
            super("woven", MethodWeaverTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
