package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.reportviewer.server.DirectorySource;

/** The tokenizer, the header and the password masking, without a database. */
class SqlTextTest {

    @Test
    void namedParametersBecomePlaceholdersOnlyInCode() {
        SqlText q = SqlText.parse("""
                SELECT ':a' AS s, E'\\':a' AS e, ":a" AS q, $$ :a $$ AS d, $x$ :a $x$ AS t, a::int, l[1:a]
                -- :a in a comment
                /* :a /* nested :a */ still :a */
                FROM t WHERE x = :a AND y = :b OR z = :a;
                """, Set.of("a", "b"));
        assertThat(q.parameterOrder()).containsExactly("a", "b", "a");
        assertThat(q.jdbcSql()).contains("x = ? AND y = ? OR z = ?").contains("':a' AS s").contains("l[1:a]")
                .contains("a::int").doesNotEndWith(";");
    }

    @Test
    void moreThanOneStatementIsRefused() {
        assertThatThrownBy(() -> SqlText.parse("SELECT 1; DROP TABLE t", Set.of()))
                .hasMessageContaining("one statement");
        assertThat(SqlText.parse("SELECT ';' AS x;;", Set.of()).jdbcSql()).isEqualTo("SELECT ';' AS x");
        assertThatThrownBy(() -> SqlText.parse("SELECT 'open", Set.of())).hasMessageContaining("unterminated");
    }

    @Test
    void theTopLevelOrderByIsFound() {
        assertThat(SqlText.parse("SELECT * FROM (SELECT * FROM t ORDER BY x) s ORDER BY s.\"Id\" DESC, b NULLS LAST LIMIT 5",
                Set.of()).topLevelOrderBy()).containsExactly("Id", "b");
        assertThat(SqlText.parse("SELECT * FROM (SELECT * FROM t ORDER BY x) s", Set.of()).topLevelOrderBy()).isEmpty();
    }

    @Test
    void headerDeclaresTitleParamsAndAVerifiedResumeKey() {
        SqlReportFile f = SqlReportFile.parse("""
                -- title: Sales
                -- param: region text = 'EMEA '
                -- param: n int = 5
                -- resume: by id
                SELECT id FROM t WHERE r = :region LIMIT :n ORDER BY id
                """, "fallback");
        assertThat(f.title()).isEqualTo("Sales");
        assertThat(f.params().get("region").defaultValue()).isEqualTo("EMEA ");
        assertThat(f.params().get("n").defaultValue()).isEqualTo(5L);
        assertThat(f.resumeKey()).containsExactly("id");
        assertThatThrownBy(() -> SqlReportFile.parse("-- resume: by id\nSELECT id FROM t ORDER BY name\n", "x"))
                .hasMessageContaining("needs the query's final ORDER BY to include id");
        assertThatThrownBy(() -> SqlReportFile.parse("-- param: p text\nSELECT 1\n", "x"))
                .hasMessageContaining("never uses :p");
        assertThatThrownBy(() -> SqlReportFile.parse("-- param: p money\nSELECT :p\n", "x"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown parameter type 'money'");
    }

    @Test
    void passwordsNeverShowInUrlsOrMessages() throws Exception {
        Secrets s = new Secrets("jdbc:postgresql://u:UserInfoPw@h/db?user=u&password=UrlPw&ssl=true", "EnvPw");
        assertThat(s.redactUrl("jdbc:postgresql://u:UserInfoPw@h/db?user=u&password=UrlPw&ssl=true"))
                .isEqualTo("jdbc:postgresql://u:***@h/db?user=u&password=***&ssl=true");
        assertThat(s.scrub("FATAL: bad UrlPw, EnvPw or UserInfoPw")).isEqualTo("FATAL: bad ***, *** or ***");
        DirectorySource dir = new DirectorySource(Path.of(System.getProperty("java.io.tmpdir")));
        assertThatThrownBy(() -> SqlReportSource.database(dir, "jdbc:nosuchdb://h/db?password=UrlPw", "EnvPw", List.of()))
                .hasMessageContaining("no JDBC driver takes jdbc:nosuchdb://h/db?password=***")
                .hasMessageNotContaining("UrlPw");
    }
}
