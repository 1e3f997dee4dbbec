package fr.instruire.notification;

import jakarta.mail.internet.MimeMessage;

/** Hands a composed mail over, or throws: a failure must reach the job executor, which retries the step. */
interface MailDelivery {

    void deliver(MimeMessage message);

    /** What {@code mail_log.state} records for a mail this delivery handed over. */
    String state();
}
