package fr.instruire.system;

import java.text.Collator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;

/**
 * Dates, amounts and delays as an ARS writes them: « 1er mars 2021 », « 200 000 € », « 15 jours ». Public for the
 * staff's pages, which write dates and amounts as the mails do.
 */
public final class French {

    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH'h'mm", Locale.FRENCH);
    private static final char NO_BREAK_SPACE = '\u00a0';

    /** Sorts as a French reader expects: « Île-de-France » among the I, accents and case second. */
    public static final Comparator<String> COLLATOR = collator();

    private static Comparator<String> collator() {
        var collator = Collator.getInstance(Locale.FRENCH);
        collator.setStrength(Collator.SECONDARY);
        return collator::compare;
    }

    private French() {
    }

    /** « 1er mars 2021 », the day it is in {@code zone}. */
    public static String day(Instant at, ZoneId zone) {
        return day(at.atZone(zone));
    }

    /** « 12 mars 2021 à 10h32 (heure de l’Atlantique) » */
    public static String dayAndHour(Instant at, ZoneId zone) {
        return "%s (%s)".formatted(dateTime(at, zone), zoneName(zone));
    }

    /** « 12 mars 2021 à 10h32 », in {@code zone}, for a page that names the zone once. */
    public static String dateTime(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        return "%s à %s".formatted(day(local), local.format(HOUR));
    }

    /** « heure de l’Atlantique », « heure de la Réunion »: the JDK's French name, which capitalises some. */
    public static String zoneName(ZoneId zone) {
        var name = zone.getDisplayName(TextStyle.FULL, Locale.FRENCH);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** « 200 000 € », with no-break spaces so that a line never splits an amount. */
    public static String euros(long amount) {
        var symbols = DecimalFormatSymbols.getInstance(Locale.FRENCH);
        symbols.setGroupingSeparator(NO_BREAK_SPACE);
        return new DecimalFormat("#,##0", symbols).format(amount) + NO_BREAK_SPACE + "€";
    }

    /** A file size as a file manager shows it in French: « 820 octets », « 12 Ko », « 1,4 Mo ». */
    /** « 1 234,5 »: a decimal the French way, without trailing zeros. */
    public static String number(java.math.BigDecimal value) {
        var symbols = DecimalFormatSymbols.getInstance(Locale.FRENCH);
        symbols.setGroupingSeparator(NO_BREAK_SPACE);
        return new DecimalFormat("#,##0.##", symbols).format(value);
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes > 1 ? "\u00a0octets" : "\u00a0octet");
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + "\u00a0Ko";
        }
        return String.format(Locale.FRENCH, "%.1f\u00a0Mo", bytes / (1024.0 * 1024.0));
    }

    /** An ISO-8601 delay in words: P15D « 15 jours », P1M « 1 mois », PT36H « 1 jour et 12 heures ». */
    public static String delay(String iso) {
        var parts = new ArrayList<String>();
        if (iso.contains("T")) {
            var d = Duration.parse(iso);
            add(parts, d.toDaysPart(), "jour", "jours");
            add(parts, d.toHoursPart(), "heure", "heures");
            add(parts, d.toMinutesPart(), "minute", "minutes");
        } else {
            var p = Period.parse(iso);
            add(parts, p.getYears(), "an", "ans");
            add(parts, p.getMonths(), "mois", "mois");
            add(parts, p.getDays(), "jour", "jours");
        }
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "0 jour" : parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " et " + parts.get(parts.size() - 1);
    }

    /** {@code at} plus an ISO-8601 delay, days and months counted on the calendar of {@code zone}. */
    public static Instant plus(Instant at, String iso, ZoneId zone) {
        var local = at.atZone(zone);
        return (iso.contains("T") ? local.plus(Duration.parse(iso)) : local.plus(Period.parse(iso))).toInstant();
    }

    private static String day(ZonedDateTime local) {
        var dayOfMonth = local.getDayOfMonth() == 1 ? "1er" : String.valueOf(local.getDayOfMonth());
        return dayOfMonth + " " + local.format(MONTH_YEAR);
    }

    private static void add(ArrayList<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
