package fr.instruire.call;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The usage indicators a call pays on (its descriptor's {@code usageIndicators}): each one's formula — a count, or a
 * rate {@code 100 × numerator ÷ denominator} — the indicators every beneficiary reports ({@code required}) and how many
 * of the others it chooses ({@code choose}), and the months of reports a result is taken over ({@code windowMonths}:
 * « sur les trois derniers mois »). The decision that pays on them reads {@code usageRatio1…n}: the required ones in
 * this order, then the chosen ones in the beneficiary's order.
 */
public record UsageIndicators(int windowMonths, int choose, List<Indicator> indicators) {

    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,59}");

    /** {@code denominator} null: a count over the window; else a rate in percent. */
    public record Indicator(String key, String label, boolean required, String numerator, String denominator) {

        public boolean rate() {
            return denominator != null;
        }
    }

    public List<Indicator> required() {
        return indicators.stream().filter(Indicator::required).toList();
    }

    public List<Indicator> optional() {
        return indicators.stream().filter(i -> !i.required()).toList();
    }

    public Optional<Indicator> indicator(String key) {
        return indicators.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    /** How many ratios the decision reads: the required indicators and the chosen ones. */
    public int ratios() {
        return required().size() + choose;
    }

    /** The descriptor's {@code usageIndicators}, its errors added to {@code errors} (French, naming the file and key). */
    static UsageIndicators read(Object value, String file, List<String> errors) {
        if (value == null) {
            return null;
        }
        var where = file + " : usageIndicators";
        if (!(value instanceof Map<?, ?> map) || !(map.get("list") instanceof List<?> list) || list.isEmpty()) {
            errors.add(where + " — objet attendu { windowMonths, choose, list: [{ key, label, required, numerator, denominator }] }");
            return null;
        }
        int window = number(map.get("windowMonths"), 1, where + ".windowMonths", errors);
        int choose = map.get("choose") == null ? 0 : number(map.get("choose"), 0, where + ".choose", errors);
        var indicators = new ArrayList<Indicator>();
        var keys = new LinkedHashSet<String>();
        for (var item : list) {
            if (!(item instanceof Map<?, ?> i) || i.get("key") == null || !KEY.matcher(String.valueOf(i.get("key"))).matches()
                    || i.get("label") == null || i.get("numerator") == null) {
                errors.add(where + ".list — chaque indicateur a key (lettres et chiffres), label et numerator : " + item);
                continue;
            }
            var key = String.valueOf(i.get("key"));
            if (!keys.add(key)) {
                errors.add(where + ".list." + key + " — indicateur en double");
            }
            indicators.add(new Indicator(key, String.valueOf(i.get("label")), Boolean.TRUE.equals(i.get("required")),
                    String.valueOf(i.get("numerator")), i.get("denominator") == null ? null : String.valueOf(i.get("denominator"))));
        }
        var result = new UsageIndicators(window, choose, List.copyOf(indicators));
        if (choose > result.optional().size()) {
            errors.add(where + ".choose — " + choose + " à choisir parmi " + result.optional().size() + " indicateurs non obligatoires");
        }
        return result;
    }

    private static int number(Object value, int min, String where, List<String> errors) {
        if (value instanceof Integer n && n >= min) {
            return n;
        }
        errors.add(where + " — nombre entier ≥ " + min + " attendu");
        return min;
    }
}
