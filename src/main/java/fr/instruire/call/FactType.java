package fr.instruire.call;

/**
 * What a fact holds. An amount is a number of euros, shown as such. A list of records is a repeated group (the establishments
 * a project covers).
 */
public enum FactType {
    TEXT, NUMBER, AMOUNT, BOOLEAN, CHOICE, DATE, DATETIME, RECORDS;

    /** The type a Camunda Form field gives its value. */
    static FactType ofFormField(String type, String subtype) {
        return switch (type) {
            case "number" -> NUMBER;
            case "checkbox" -> BOOLEAN;
            case "select", "radio" -> CHOICE;
            case "datetime" -> "date".equals(subtype == null ? "date" : subtype) ? DATE : DATETIME;
            case "dynamiclist" -> RECORDS;
            default -> TEXT;
        };
    }

    static FactType ofDescriptor(String name) {
        return switch (name == null ? "text" : name) {
            case "text" -> TEXT;
            case "number" -> NUMBER;
            case "amount" -> AMOUNT;
            case "boolean" -> BOOLEAN;
            case "choice" -> CHOICE;
            case "date" -> DATE;
            case "datetime" -> DATETIME;
            default -> throw new IllegalArgumentException("type « " + name
                    + " » inconnu (text, number, amount, boolean, choice, date, datetime)");
        };
    }
}
