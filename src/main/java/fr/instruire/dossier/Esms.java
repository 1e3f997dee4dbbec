package fr.instruire.dossier;

/** One établissement or service covered by a project. {@code size} is PETIT or MOYEN_GRAND. */
public record Esms(String finess, String name, String region, String size, boolean medicalised,
                   boolean equipmentRequested) {

    public boolean smallAskingForEquipment() {
        return "PETIT".equals(size) && equipmentRequested;
    }
}
