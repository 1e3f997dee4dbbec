package fr.instruire.submission;

import java.lang.reflect.Field;

/**
 * The protected fields of the engine's commands this package reads (what a command writes or reads, for which task):
 * resolved once when a class of the package loads, so that an engine whose commands changed fails the start, not a
 * request.
 */
final class EngineFields {

    private EngineFields() {
    }

    static Field field(Class<?> type, String name) {
        try {
            var field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Instruire ne reconnaît plus " + type.getName() + "." + name
                    + " : la version du moteur a changé, adaptez fr.instruire.submission (TaskCommand, TaskFormValuesInterceptor).", e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T read(Field field, Object command) {
        try {
            return (T) field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
