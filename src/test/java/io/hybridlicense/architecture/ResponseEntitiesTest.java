package io.hybridlicense.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * Every body that main code puts into a plain {@code jakarta.ws.rs.core.Response} ({@code Response.ok(x)},
 * {@code builder.entity(x)}) is registered for reflection, together with the application types it is made
 * of. Quarkus registers what resource methods declare, but a body wrapped in a {@code Response} is invisible
 * to it: in the native binary Jackson then writes {@code {}} or fails with a 500. ({@code RestResponse<T>}
 * declares its body and needs nothing.) The check reads the bytecode: the static type of the argument
 * at each call, as the JVM verifier infers it.
 */
class ResponseEntitiesTest {

    private static final String RESPONSE = "jakarta/ws/rs/core/Response";
    private static final String BUILDER = "jakarta/ws/rs/core/Response$ResponseBuilder";

    @Test
    void everyResponseBody_isRegisteredForReflection() {
        assertThat(unregisteredBodies("io.hybridlicense")).isEmpty();
    }

    @Test
    void aBodyNobodyRegistered_isCaught() {
        assertThat(unregisteredBodies("archfixtures.nativeimage")).containsExactly(
                "archfixtures.nativeimage.UnregisteredBodies$Nested (inside archfixtures.nativeimage.UnregisteredBodies$RegisteredOuter)",
                "archfixtures.nativeimage.UnregisteredBodies$Unregistered");
    }

    private static Set<String> unregisteredBodies(String root) {
        List<ClassNode> classes = classesUnder(root);
        Set<Class<?>> registered = registered(classes);
        Set<String> missing = new TreeSet<>();
        for (ClassNode type : classes) {
            for (MethodNode method : type.methods) {
                for (Class<?> body : bodiesPassedIn(type, method)) {
                    checkRegistered(body, null, root, registered, missing, new HashSet<>());
                }
            }
        }
        return missing;
    }

    /** The types of the values passed as a body in this method's calls. */
    private static List<Class<?>> bodiesPassedIn(ClassNode owner, MethodNode method) {
        List<Integer> calls = new ArrayList<>();
        for (int i = 0; i < method.instructions.size(); i++) {
            if (method.instructions.get(i) instanceof MethodInsnNode call && takesABody(call)) {
                calls.add(i);
            }
        }
        if (calls.isEmpty()) {
            return List.of();
        }
        Frame<BasicValue>[] frames = analyse(owner, method);
        List<Class<?>> bodies = new ArrayList<>();
        for (int index : calls) {
            MethodInsnNode call = (MethodInsnNode) method.instructions.get(index);
            Frame<BasicValue> frame = frames[index];
            if (frame == null) {
                continue; // unreachable code
            }
            org.objectweb.asm.Type[] arguments = org.objectweb.asm.Type.getArgumentTypes(call.desc);
            int afterBody = arguments.length - 1 - firstObjectArgument(arguments);
            BasicValue value = frame.getStack(frame.getStackSize() - 1 - afterBody);
            if (value.getType() == null || value.getType().getSort() != org.objectweb.asm.Type.OBJECT) {
                continue; // null constant
            }
            bodies.add(load(value.getType().getClassName()));
        }
        return bodies;
    }

    private static boolean takesABody(MethodInsnNode call) {
        boolean response = call.owner.equals(RESPONSE) && (call.name.equals("ok") || call.name.equals("accepted"));
        boolean builder = call.owner.equals(BUILDER) && call.name.equals("entity");
        return (response || builder) && call.desc.startsWith("(Ljava/lang/Object;");
    }

    private static int firstObjectArgument(org.objectweb.asm.Type[] arguments) {
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].getDescriptor().equals("Ljava/lang/Object;")) {
                return i;
            }
        }
        throw new IllegalStateException("no body argument");
    }

    @SuppressWarnings("unchecked")
    private static Frame<BasicValue>[] analyse(ClassNode owner, MethodNode method) {
        SimpleVerifier verifier = new SimpleVerifier(org.objectweb.asm.Type.getObjectType(owner.name),
                owner.superName == null ? null : org.objectweb.asm.Type.getObjectType(owner.superName),
                (owner.access & Opcodes.ACC_INTERFACE) != 0);
        verifier.setClassLoader(ResponseEntitiesTest.class.getClassLoader());
        try {
            return new Analyzer<>(verifier).analyze(owner.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Cannot analyse " + owner.name + "." + method.name, e);
        }
    }

    /** A body type and, recursively, the application types of its components must be registered. */
    private static void checkRegistered(Type type, Class<?> inside, String root, Set<Class<?>> registered,
                                        Set<String> missing, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            checkRegistered(parameterized.getRawType(), inside, root, registered, missing, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                checkRegistered(argument, inside, root, registered, missing, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> body) || !body.getName().startsWith(root + ".") || body.isEnum()) {
            return; // JDK types (String, Map, List…) and enums need no registration of ours
        }
        if (!registered.contains(body)) {
            missing.add(body.getName() + (inside == null ? "" : " (inside " + inside.getName() + ")"));
        }
        for (Type component : componentTypes(body)) {
            checkRegistered(component, body, root, registered, missing, seen);
        }
    }

    private static List<Type> componentTypes(Class<?> body) {
        if (body.isRecord()) {
            return Stream.of(body.getRecordComponents()).map(RecordComponent::getGenericType).toList();
        }
        return Stream.of(body.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getGenericType).toList();
    }

    /** What {@code @RegisterForReflection} registers: the class or its targets, with their nested classes. */
    private static Set<Class<?>> registered(List<ClassNode> classes) {
        Set<Class<?>> registered = new HashSet<>();
        for (ClassNode node : classes) {
            Class<?> type = load(node.name.replace('/', '.'));
            RegisterForReflection annotation = type.getAnnotation(RegisterForReflection.class);
            if (annotation == null) {
                continue;
            }
            List<Class<?>> targets = new ArrayList<>(List.of(annotation.targets()));
            for (String name : annotation.classNames()) {
                targets.add(load(name));
            }
            if (targets.isEmpty()) {
                targets.add(type);
            }
            for (Class<?> target : targets) {
                registered.add(target);
                if (!annotation.ignoreNested()) {
                    Collections.addAll(registered, target.getDeclaredClasses());
                }
            }
        }
        return registered;
    }

    private static List<ClassNode> classesUnder(String root) {
        String folder = root.replace('.', '/');
        List<ClassNode> classes = new ArrayList<>();
        try {
            for (URL url : Collections.list(ResponseEntitiesTest.class.getClassLoader().getResources(folder))) {
                if (!url.getProtocol().equals("file")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            ClassNode node = new ClassNode();
                            new ClassReader(in).accept(node, 0);
                            classes.add(node);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(classes).as("classes under " + root).isNotEmpty();
        return classes;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ResponseEntitiesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
