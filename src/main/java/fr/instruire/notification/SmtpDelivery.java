package fr.instruire.notification;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP server of {@code spring.mail.*}. */
class SmtpDelivery implements MailDelivery {

    private final JavaMailSender sender;

    SmtpDelivery(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public void deliver(MimeMessage message) {
        sender.send(message);
    }

    @Override
    public String state() {
        return "SENT";
    }
}
