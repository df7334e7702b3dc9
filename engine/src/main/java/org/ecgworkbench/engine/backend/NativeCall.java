package org.ecgworkbench.engine.backend;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * Downcalls to the C library through the Foreign Function and Memory API, bound by reflection: the API is final in
 * Java 22 but a preview API in Java 21, which this project compiles for. On Java 21, or where native access is denied,
 * nothing binds and callers carry on without.
 */
final class NativeCall {

    private NativeCall() {
    }

    /**
     * A handle on the C function symbol of the given result and argument layouts (ValueLayout field names such as
     * "JAVA_INT", "JAVA_LONG", "ADDRESS"), or null when it cannot be bound here.
     */
    static MethodHandle find(String symbol, String result, String... args) {
        try {
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            Optional<?> found = (Optional<?>) lookupClass.getMethod("find", String.class).invoke(lookup, symbol);
            if (found.isEmpty()) {
                return null;
            }
            Object layouts = Array.newInstance(layoutClass, args.length);
            for (int i = 0; i < args.length; i++) {
                Array.set(layouts, i, valueLayout.getField(args[i]).get(null));
            }
            Object descriptor = descriptorClass.getMethod("of", layoutClass, layouts.getClass())
                    .invoke(null, valueLayout.getField(result).get(null), layouts);
            Object options = Array.newInstance(optionClass, 0);
            return (MethodHandle) linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass,
                    options.getClass()).invoke(linker, found.get(), descriptor, options);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** s as a NUL-terminated C string in memory that lives as long as the process (a MemorySegment). */
    static Object cString(String s) throws ReflectiveOperationException {
        Object arena = Class.forName("java.lang.foreign.Arena").getMethod("global").invoke(null);
        return Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class)
                .invoke(arena, s);
    }
}
