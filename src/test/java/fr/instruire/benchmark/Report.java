package fr.instruire.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table: printed, and written to {@code target/benchmark/} (Markdown, to paste into the README). */
final class Report {

    final List<Load.Result> loads = new ArrayList<>();
    final List<Load.Result> queries = new ArrayList<>();
    final Map<String, Double> phases = new LinkedHashMap<>();
    final Map<String, Load.Result> work = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    void load(Load.Result result) {
        loads.add(result);
        System.out.printf(Locale.ROOT, "[benchmark] %s : %d en %.1f s, %.1f/s, p50 %.0f ms, p99 %.0f ms, %d erreur(s)%n",
                result.label(), result.count(), result.seconds(), result.perSecond(), result.percentileMillis(50),
                result.percentileMillis(99), result.errors());
    }

    void query(Load.Result result) {
        queries.add(result);
        System.out.printf(Locale.ROOT, "[benchmark] %s : p50 %.0f ms, p95 %.0f ms%n", result.label(),
                result.percentileMillis(50), result.percentileMillis(95));
    }

    void work(String task, Load.Result page) {
        work.merge(task, page, (a, b) -> {
            long[] nanos = new long[a.nanos().length + b.nanos().length];
            System.arraycopy(a.nanos(), 0, nanos, 0, a.nanos().length);
            System.arraycopy(b.nanos(), 0, nanos, a.nanos().length, b.nanos().length);
            return new Load.Result(task, a.count() + b.count(), a.errors() + b.errors(), a.seconds() + b.seconds(), nanos,
                    a.threads());
        });
    }

    void phase(String label, double seconds) {
        phases.put(label, seconds);
        System.out.printf(Locale.ROOT, "[benchmark] %s : %.1f s%n", label, seconds);
    }

    void note(String note) {
        notes.add(note);
        System.out.println("[benchmark] " + note);
    }

    void ratios(Load.Result a, Load.Result b, Load.Result c) {
        lines.add(String.format(Locale.ROOT, "| Dépôt Instruire ÷ démarrage REST (b) | %.2f (cible ≥ 0,80) |",
                c.perSecond() / b.perSecond()));
        lines.add(String.format(Locale.ROOT, "| Dépôt Instruire ÷ démarrage API Java (a) | %.2f (cible ≥ 0,50) |",
                c.perSecond() / a.perSecond()));
        lines.add(String.format(Locale.ROOT, "| p99 du dépôt ÷ p99 de (b) | %.2f (cible ≤ 1,5) |",
                c.percentileMillis(99) / b.percentileMillis(99)));
    }

    void heap(long[] heap) {
        lines.add(String.format(Locale.ROOT, "| Tas : pic utilisé / plus grand ensemble vivant après GC / -Xmx | %s / %s / %s (cible < 768 Mo) |",
                megabytes(heap[0]), megabytes(heap[1]), megabytes(heap[2])));
    }

    void database(long bytes, int dossiers, List<String> largest) {
        lines.add(String.format(Locale.ROOT, "| Base : octets par dossier, historique compris | %.1f Ko (cible < 50 Ko) |",
                bytes / 1024.0 / dossiers));
        notes.add("Plus grandes tables : " + String.join(", ", largest));
    }

    /** Where the engine's bytes go, by variable name: what to take out of process variables first. */
    void variables(List<String> heaviest, List<String> mostUpdated) {
        notes.add("Variables les plus lourdes (historique : valeur et tableau d'octets) : " + String.join(", ", heaviest));
        if (!mostUpdated.isEmpty()) {
            notes.add("Variables les plus souvent écrites (lignes act_hi_detail) : " + String.join(", ", mostUpdated));
        }
    }

    static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f Ko", bytes / 1024.0);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f Mo", bytes / 1024.0 / 1024.0);
    }

    void write(Path folder, int dossiers, int nodes, int clients) throws Exception {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var out = new StringBuilder();
        out.append("Banc d'essai du ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" — ").append(dossiers).append(" dossiers, ").append(nodes).append(" nœud(s), ").append(clients)
                .append(" clients HTTP ; machine : ").append(os.getAvailableProcessors()).append(" cœurs, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
                .append(System.getProperty("java.version")).append(", PostgreSQL embarqué.\n\n");
        out.append("| mesure | nombre | durée | débit | p50 | p95 | p99 |\n|---|---|---|---|---|---|---|\n");
        for (var r : loads) {
            row(out, r);
        }
        for (var r : work.values()) {
            row(out, r);
        }
        for (var r : queries) {
            row(out, r);
        }
        out.append("\n| phase | durée |\n|---|---|\n");
        phases.forEach((label, seconds) -> out.append(String.format(Locale.ROOT, "| %s | %.1f s |%n", label, seconds)));
        out.append("\n| indicateur | valeur |\n|---|---|\n");
        lines.forEach(l -> out.append(l).append('\n'));
        out.append('\n');
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        Files.createDirectories(folder);
        var file = folder.resolve("benchmark-" + dossiers + "-" + nodes + "-noeud" + (nodes > 1 ? "s" : "") + ".md");
        Files.writeString(file, out);
        System.out.println(out);
        System.out.println("[benchmark] écrit dans " + file.toAbsolutePath());
    }

    private static void row(StringBuilder out, Load.Result r) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f/s | %.0f ms | %.0f ms | %.0f ms |%n", r.label(),
                r.count(), r.seconds(), r.perSecond(), r.percentileMillis(50), r.percentileMillis(95),
                r.percentileMillis(99)));
    }
}
