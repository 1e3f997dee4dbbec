/**
 * What a task's submission may write: the fields of the task's deployed Camunda Form — their keys, their types,
 * the values a choice allows, what is read-only — and nothing else. Enforced inside the engine for every user who
 * is not an administrator, on every path that writes a task's variables (Tasklist, {@code /engine-rest},
 * {@code /camunda/api}, the Java API under a user's authentication), so that identity and results a listener or a
 * rule reads can only come from the server.
 * <p>
 * A form may also read values the server computes when they are read and never stores ({@link
 * fr.instruire.submission.TaskFormValues}: a committee's list); the contract checks a submission against them as they
 * are at that moment. {@link fr.instruire.submission.FormRows} tells the server's own code which fields a form gives a
 * dynamic list's rows.
 */
package fr.instruire.submission;
