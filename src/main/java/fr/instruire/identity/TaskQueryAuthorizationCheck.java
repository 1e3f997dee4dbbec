package fr.instruire.identity;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reviewers' task lists stay fast with many open tasks, on PostgreSQL. With authorization on, Camunda 7's task query
 * joins every task with every authorization row the user's groups hold ({@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_,
 * '*')}): a candidate group holds one row per task, so the join grows with the square of the open tasks — 4.3 s for
 * a Tasklist count at 3 000 tasks, 28.7 s at 10 000 (README « Performance »). The same question asked of the user's
 * grants read once (a materialized common table expression) answers with one hash probe per task: 55 ms (p50) for the
 * count at 10 000 open tasks. This is the idea CIB seven and Operaton applied in their mappings ({@code EXISTS} instead
 * of the join), applied here to the SQL of the task list and count statements as MyBatis prepares them, without
 * copying the engine's mappings; without the join, a list whose joins are all one row per task no longer needs its
 * {@code distinct}, which sorted every visible task's whole row.
 *
 * <p>Nothing else changes: the same permissions (READ on the task, or READ_TASK on its process definition), the same
 * groups, the same tenant check, the same parameters in the same order. When the statement is not in the expected shape
 * (another database, another engine version, revoke checks on) it runs as the engine wrote it: slower, never less
 * strict. {@code TaskListAuthorizationIT} checks on PostgreSQL that the rewrite is applied and that each reviewer
 * still sees their own tasks only.
 */
@Component
class TaskQueryAuthorizationCheck extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TaskQueryAuthorizationCheck.class);

    /** The join as Task.xml writes it on PostgreSQL (authCheckJoinWithoutOnClause + the task query's ON clause). */
    static final Pattern JOIN = Pattern.compile("(?is)\\b(inner|left)\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+(\\S*ACT_RU_AUTHORIZATION)"
            + "\\s+A\\s+WHERE\\b(.*?)\\)\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,"
            + "\\s*'\\*'\\s*\\)\\s*\\)");

    static final AtomicLong REWRITTEN = new AtomicLong();

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!"postgres".equals(configuration.getDatabaseType())) {
            LOG.info("Requête des tâches : vérification des autorisations du moteur (base {})", configuration.getDatabaseType());
            return;
        }
        configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
    }

    /**
     * The task query's SQL with the authorization join rewritten, or as it was when not in the expected shape. When no
     * parameter comes before the join (the engine's task list and count on PostgreSQL), the user's grants are read once,
     * as a materialized common table expression, and each task is a hash probe: its id, its process definition's key or
     * {@code *} among the grants. Otherwise the join becomes a lateral subquery, one index probe per task.
     */
    static String rewrite(String sql) {
        Matcher join = JOIN.matcher(sql);
        if (!join.find()) {
            return sql;
        }
        var grants = "SELECT A.RESOURCE_ID_ FROM " + join.group(2) + " A WHERE" + join.group(3);
        var rest = sql.substring(join.end());
        var check = CHECK.matcher(rest);
        if (sql.substring(0, join.start()).indexOf('?') < 0 && !rest.contains("AUTH1.") && check.find()) {
            var before = sql.substring(0, join.start());
            var after = rest.substring(0, check.start()) + GRANTED + rest.substring(check.end());
            if (onePerTask(before + after)) {
                // without the join, each task is one row: no need to sort every visible task's whole row to remove
                // duplicates (10 000 rows spilled to disk), the 15 newest are a top-N of the creation times
                before = DISTINCT.matcher(before).replaceFirst("select ");
            }
            return "WITH INSTRUIRE_GRANTS AS MATERIALIZED (" + grants + ")\n" + before + after;
        }
        return sql.substring(0, join.start()) + join.group(1) + " join lateral (" + grants
                + " AND A.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*') LIMIT 1) AUTH ON (true)" + rest;
    }

    /** The list statement's {@code select distinct}, at its start. */
    static final Pattern DISTINCT = Pattern.compile("(?i)^\\s*select\\s+distinct\\s+");
    /** A join and the table it joins. */
    static final Pattern JOINED = Pattern.compile("(?i)\\bjoin\\s+(\\w+)");
    /** Tables the task query joins one row per task (on their primary key): they never repeat a task. */
    static final java.util.Set<String> ONE_ROW_PER_TASK = java.util.Set.of("ACT_RE_PROCDEF", "ACT_RU_EXECUTION",
            "ACT_RE_CASE_DEF", "ACT_RU_CASE_EXECUTION");

    /** Whether every join of the statement joins at most one row per task (no identity links, no variables). */
    static boolean onePerTask(String sql) {
        var joined = JOINED.matcher(sql);
        while (joined.find()) {
            var table = joined.group(1).toUpperCase(java.util.Locale.ROOT);
            if (ONE_ROW_PER_TASK.stream().noneMatch(table::endsWith)) {
                return false;
            }
        }
        return true;
    }

    /** Where the engine asks whether the join found a grant (contextualAuthorizationCheck). */
    static final Pattern CHECK = Pattern.compile("(?i)\\(\\s*AUTH\\.RESOURCE_ID_\\s+IS\\s+NOT\\s+NULL\\s*\\)");

    /** The same question of the grants read once: the task itself, its process definition, or every task. */
    static final String GRANTED = "(RES.ID_ IN (SELECT RESOURCE_ID_ FROM INSTRUIRE_GRANTS)"
            + " OR D.KEY_ IN (SELECT RESOURCE_ID_ FROM INSTRUIRE_GRANTS)"
            + " OR EXISTS (SELECT 1 FROM INSTRUIRE_GRANTS WHERE RESOURCE_ID_ = '*'))";

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static final class Rewrite implements Interceptor {

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            var handler = (StatementHandler) invocation.getTarget();
            var sql = handler.getBoundSql().getSql();
            // most statements are not a task query with authorization: one substring search, then nothing
            if (sql.contains("AUTH ON") && sql.contains("ACT_RU_TASK")) {
                var meta = SystemMetaObject.forObject(handler);
                var statement = meta.hasGetter("delegate.mappedStatement") ? (MappedStatement) meta.getValue("delegate.mappedStatement") : null;
                if (statement != null && (statement.getId().endsWith("selectTaskByQueryCriteria")
                        || statement.getId().endsWith("selectTaskCountByQueryCriteria"))) {
                    var rewritten = rewrite(sql);
                    if (!rewritten.equals(sql)) {
                        SystemMetaObject.forObject(handler.getBoundSql()).setValue("sql", rewritten);
                        REWRITTEN.incrementAndGet();
                    }
                }
            }
            return invocation.proceed();
        }
    }
}
