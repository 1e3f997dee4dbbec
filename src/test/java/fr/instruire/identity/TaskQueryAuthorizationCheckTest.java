package fr.instruire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The task query's authorization join, as the engine writes it on PostgreSQL, becomes a lateral subquery — nothing else. */
class TaskQueryAuthorizationCheckTest {

    static final String ENGINE_SQL = """
            select count(distinct RES.ID_)
                from ACT_RU_TASK RES
                inner join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
                inner join
                (
                SELECT A.*
                FROM ACT_RU_AUTHORIZATION A
                WHERE A.TYPE_ < 2
                AND ( A.USER_ID_ in ( ?, '*')
                  OR A.GROUP_ID_ IN ( ? , ? )
                )
                AND (
                  ( A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? )
                  OR ( A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? )
                )
                )
                AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
                WHERE ( 1 = 1 and RES.TASK_DEF_KEY_ = ? )
                and ( AUTH.RESOURCE_ID_ IS NOT NULL )
                and ( RES.TENANT_ID_ is null )""";

    @Test
    void theGrantsAreReadOnceAndEachTaskIsAProbeWithTheSameParametersInTheSameOrder() {
        var sql = TaskQueryAuthorizationCheck.rewrite(ENGINE_SQL);
        assertThat(sql).startsWith("WITH INSTRUIRE_GRANTS AS MATERIALIZED (SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2")
                .contains("(RES.ID_ IN (SELECT RESOURCE_ID_ FROM INSTRUIRE_GRANTS) OR D.KEY_ IN (SELECT RESOURCE_ID_ FROM"
                        + " INSTRUIRE_GRANTS) OR EXISTS (SELECT 1 FROM INSTRUIRE_GRANTS WHERE RESOURCE_ID_ = '*'))")
                .contains("RES.TENANT_ID_ is null").contains("select count(distinct RES.ID_)")
                .doesNotContain("SELECT A.*").doesNotContain("AUTH.");
        assertThat(questionMarks(sql)).isEqualTo(questionMarks(ENGINE_SQL));
        assertThat(sql.indexOf("RES.TASK_DEF_KEY_ = ?")).as("the where clause's parameters stay after the check's")
                .isGreaterThan(sql.indexOf("A.PERMS_ & ? = ?"));
    }

    @Test
    void withAParameterBeforeTheJoinTheJoinBecomesALateralProbePerTask() {
        var withParameterBefore = ENGINE_SQL.replace("from ACT_RU_TASK RES", "from ACT_RU_TASK RES, LATERAL (SELECT ? AS X) P");
        var sql = TaskQueryAuthorizationCheck.rewrite(withParameterBefore);
        assertThat(sql).contains("inner join lateral (SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2")
                .contains("AND A.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*') LIMIT 1) AUTH ON (true)")
                .contains("AUTH.RESOURCE_ID_ IS NOT NULL").doesNotContain("WITH ");
        assertThat(questionMarks(sql)).isEqualTo(questionMarks(withParameterBefore));
    }

    static long questionMarks(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void theListNoLongerSortsEveryVisibleTaskToRemoveDuplicatesThatCannotBe() {
        var list = ENGINE_SQL.replace("select count(distinct RES.ID_)", "select distinct RES.REV_, RES.ID_, RES.CREATE_TIME_")
                + " order by RES.CREATE_TIME_ desc LIMIT ? OFFSET ?";
        assertThat(TaskQueryAuthorizationCheck.rewrite(list)).contains(")\nselect RES.REV_, RES.ID_").doesNotContain("distinct");
        var byCandidateGroup = list.replace("inner join ACT_RE_PROCDEF D", "left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_\n"
                + "inner join ACT_RE_PROCDEF D");
        assertThat(TaskQueryAuthorizationCheck.rewrite(byCandidateGroup)).as("identity links can repeat a task")
                .contains("select distinct RES.REV_");
        assertThat(TaskQueryAuthorizationCheck.rewrite(ENGINE_SQL)).contains("select count(distinct RES.ID_)");
    }

    @Test
    void aStatementOfAnotherShapeRunsAsTheEngineWroteIt() {
        var revokeChecks = "select RES.* from ACT_RU_TASK RES WHERE (CASE WHEN EXISTS (SELECT ID_ FROM ACT_RU_AUTHORIZATION A"
                + " WHERE A.TYPE_ = 1) THEN 1 END) = 1";
        assertThat(TaskQueryAuthorizationCheck.rewrite(revokeChecks)).isEqualTo(revokeChecks);
        var leftJoin = ENGINE_SQL.replace("inner join\n    (", "left join\n    (");
        assertThat(TaskQueryAuthorizationCheck.rewrite(leftJoin)).startsWith("WITH INSTRUIRE_GRANTS").doesNotContain("join (");
    }
}
