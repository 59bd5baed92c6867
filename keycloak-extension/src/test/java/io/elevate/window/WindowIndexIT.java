package io.elevate.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.elevate.testing.server.KeycloakServer;
import jakarta.persistence.Column;
import jakarta.persistence.NamedQuery;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Every sign-in asks the database one question, {@link WindowStore#openWindowsForSignIn}: this class checks that the index
 * {@code IDX_ELEVATE_WINDOW_SIGNIN} answers it. On PostgreSQL ({@code -Delevate.test.database=postgres}) it reads the
 * plan from the database Keycloak migrated; on H2 it checks what can be checked from outside Keycloak's process.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The sign-in query and its index")
class WindowIndexIT {

    private static final String INDEX = "IDX_ELEVATE_WINDOW_SIGNIN";
    private static final List<String> INDEX_COLUMNS = List.of("REALM_ID", "USER_ID", "CLIENT_ID", "ENDS_AT");
    private static final String CHANGELOG = "META-INF/elevate-changelog-master.xml";

    /**
     * The SQL Hibernate generates for the named query {@code elevate.openWindowsForSignIn} (as logged with
     * {@code org.hibernate.SQL:debug}), its select list shortened to {@code w.*} and the tag columns.
     */
    private static final String SIGN_IN_SQL = "select w.*, t.TAG_KEY, t.TAG_VALUE"
            + " from ELEVATE_WINDOW w left join ELEVATE_WINDOW_TAG t on w.ID = t.WINDOW_ID"
            + " where w.REALM_ID = ? and w.USER_ID = ? and w.CLIENT_ID = ? and w.ENDS_AT > ? and w.STARTS_AT <= ?"
            + " and w.STATUS = ? order by w.ENDS_AT, w.ID, t.POSITION";
    private static final String SIGN_IN_QUERY = "elevate.openWindowsForSignIn";

    private static final int USERS = 500;
    private static final List<String> CLIENTS = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());

    @Test
    @DisplayName("the changelog creates IDX_ELEVATE_WINDOW_SIGNIN on (REALM_ID, USER_ID, CLIENT_ID, ENDS_AT)")
    void theChangelogDeclaresTheIndex() throws Exception {
        List<Element> indexes = new ArrayList<>();
        for (Document changelog : changelogs()) {
            indexes.addAll(elements(changelog.getDocumentElement(), "createIndex"));
        }

        List<Element> signIn = indexes.stream().filter(i -> INDEX.equals(i.getAttribute("indexName"))).toList();
        assertThat(signIn).as("createIndex %s in %s and its includes", INDEX, CHANGELOG).hasSize(1);
        assertThat(signIn.get(0).getAttribute("tableName")).isEqualTo("ELEVATE_WINDOW");
        assertThat(elements(signIn.get(0), "column")).extracting(c -> c.getAttribute("name"))
                .containsExactlyElementsOf(INDEX_COLUMNS);
    }

    @Test
    @DisplayName("the named query elevate.openWindowsForSignIn is the SQL checked here, and its equalities and range fit the index")
    void theNamedQueryFitsTheIndex() {
        String jpql = namedQuery(SIGN_IN_QUERY);
        String where = jpql.substring(jpql.indexOf(" where "));
        String sqlWhere = toSql(where);

        assertThat(SIGN_IN_SQL).as("SQL checked against the plan, from %s", jpql).endsWith(sqlWhere);
        Map<String, String> conditions = conditions(sqlWhere);
        assertThat(conditions).as("conditions of %s", jpql)
                .containsEntry("REALM_ID", "=").containsEntry("USER_ID", "=").containsEntry("CLIENT_ID", "=")
                .containsEntry("STATUS", "=");
        assertThat(conditions.get("ENDS_AT")).as("the range on the index's last column").isIn(">", ">=", "<", "<=");
    }

    @Test
    @DisplayName("on PostgreSQL: every changeset of the changelog is recorded in DATABASECHANGELOG_ELEVATE")
    void postgresRecordsEveryChangeset(KeycloakServer server) throws Exception {
        assumeTrue(server.database().isPostgres(), onlyOnPostgres());
        List<String> declared = new ArrayList<>();
        for (Document changelog : changelogs()) {
            elements(changelog.getDocumentElement(), "changeSet").forEach(c -> declared.add(c.getAttribute("id")));
        }

        List<String> applied = new ArrayList<>();
        try (Connection db = server.database().connect(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select ID from DATABASECHANGELOG_ELEVATE order by ORDEREXECUTED")) {
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
        }

        assertThat(applied).containsExactlyElementsOf(declared);
    }

    @Test
    @DisplayName("on PostgreSQL: among 4,000 windows, the sign-in query is answered through IDX_ELEVATE_WINDOW_SIGNIN")
    void postgresAnswersTheSignInQueryFromTheIndex(KeycloakServer server) throws SQLException {
        assumeTrue(server.database().isPostgres(), onlyOnPostgres());
        String realm = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try (Connection db = server.database().connect()) {
            try {
                List<String> users = insertWindows(db, realm, now);
                try (Statement statement = db.createStatement()) {
                    statement.execute("analyze ELEVATE_WINDOW");
                    statement.execute("analyze ELEVATE_WINDOW_TAG");
                }
                String user = users.get(USERS / 2);

                List<String> plan = explain(db, realm, user, now);
                System.out.println("EXPLAIN " + SIGN_IN_SQL + "\n  " + String.join("\n  ", plan));

                assertThat(String.join("\n", plan).toUpperCase(Locale.ROOT)).as("plan:%n%s", String.join("\n", plan))
                        .contains(INDEX);
                assertThat(plan).as("no full scan of the windows")
                        .noneMatch(line -> line.matches("(?i).*Seq Scan on elevate_window\\b.*"));
                assertThat(openWindowTags(db, realm, user, now)).as("the one open window of the user, with its tags")
                        .containsExactly("AppGroupName", "AppId", "ReleaseId");
            } finally {
                try (PreparedStatement delete = db.prepareStatement("delete from ELEVATE_WINDOW where REALM_ID = ?")) {
                    delete.setString(1, realm);
                    delete.executeUpdate();
                }
            }
        }
    }

    private static String onlyOnPostgres() {
        return "H2 runs inside Keycloak's process and holds its database file locked, so the tests cannot read its"
                + " plan or tables; this is checked when the suite runs on PostgreSQL (-Delevate.test.database=postgres)";
    }

    /**
     * {@value #USERS} users with, for each of two clients, four windows: one that ended, one open now, one that starts
     * tomorrow and one revoked; three tags each.
     */
    private static List<String> insertWindows(Connection db, String realm, Instant now) throws SQLException {
        long day = Duration.ofDays(1).toMillis();
        long t = now.toEpochMilli();
        long[][] spans = {{t - 3 * day, t - 2 * day}, {t - day, t + day}, {t + day, t + 2 * day}, {t - day, t + day}};
        List<String> users = new ArrayList<>();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement window = db.prepareStatement("insert into ELEVATE_WINDOW (ID, REALM_ID, USER_ID,"
                + " CLIENT_ID, ACCOUNT_ID, ROLE_NAME, SAML_PROVIDER, REGION, STARTS_AT, ENDS_AT, STATUS, CREATED_BY,"
                + " CREATED_AT) values (?, ?, ?, ?, '123456789012', 'ElevateSessionManager', 'Keycloak', 'eu-west-1',"
                + " ?, ?, ?, 'admin', ?)");
             PreparedStatement tag = db.prepareStatement(
                     "insert into ELEVATE_WINDOW_TAG (WINDOW_ID, POSITION, TAG_KEY, TAG_VALUE) values (?, ?, ?, ?)")) {
            for (int u = 0; u < USERS; u++) {
                String user = UUID.randomUUID().toString();
                users.add(user);
                for (String client : CLIENTS) {
                    for (int s = 0; s < spans.length; s++) {
                        String id = UUID.randomUUID().toString();
                        window.setString(1, id);
                        window.setString(2, realm);
                        window.setString(3, user);
                        window.setString(4, client);
                        window.setLong(5, spans[s][0]);
                        window.setLong(6, spans[s][1]);
                        window.setString(7, s == 3 ? "REVOKED" : "APPROVED");
                        window.setLong(8, spans[s][0]);
                        window.addBatch();
                        String[][] tags = {{"AppGroupName", "webserver"}, {"AppId", "ABC" + u}, {"ReleaseId", "1.0"}};
                        for (int p = 0; p < tags.length; p++) {
                            tag.setString(1, id);
                            tag.setInt(2, p);
                            tag.setString(3, tags[p][0]);
                            tag.setString(4, tags[p][1]);
                            tag.addBatch();
                        }
                    }
                }
                if (u % 100 == 99) {
                    window.executeBatch();
                    tag.executeBatch();
                }
            }
            window.executeBatch();
            tag.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return users;
    }

    private static List<String> explain(Connection db, String realm, String user, Instant now) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement explain = db.prepareStatement("explain " + SIGN_IN_SQL)) {
            bind(explain, realm, user, now);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        }
        return plan;
    }

    private static List<String> openWindowTags(Connection db, String realm, String user, Instant now) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(SIGN_IN_SQL)) {
            bind(query, realm, user, now);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString("TAG_KEY"));
                }
            }
        }
        return keys.stream().sorted().toList();
    }

    private static void bind(PreparedStatement statement, String realm, String user, Instant now) throws SQLException {
        statement.setString(1, realm);
        statement.setString(2, user);
        statement.setString(3, CLIENTS.get(0));
        statement.setLong(4, now.toEpochMilli());
        statement.setLong(5, now.toEpochMilli());
        statement.setString(6, "APPROVED");
    }

    private static String namedQuery(String name) {
        for (NamedQuery query : ElevationWindowEntity.class.getAnnotationsByType(NamedQuery.class)) {
            if (query.name().equals(name)) {
                return query.query();
            }
        }
        throw new AssertionError("ElevationWindowEntity declares no named query " + name);
    }

    /** {@code w.endsAt > :now} becomes {@code w.ENDS_AT > ?}, by the entity's {@code @Column} names. */
    private static String toSql(String jpql) {
        Matcher field = Pattern.compile("\\bw\\.(\\w+)").matcher(jpql);
        StringBuilder sql = new StringBuilder();
        while (field.find()) {
            field.appendReplacement(sql, "w." + column(field.group(1)));
        }
        field.appendTail(sql);
        return sql.toString().replace("index(t)", "t.POSITION").replaceAll(":\\w+", "?");
    }

    private static String column(String fieldName) {
        try {
            Field field = ElevationWindowEntity.class.getDeclaredField(fieldName);
            Column column = field.getAnnotation(Column.class);
            return column == null || column.name().isEmpty() ? fieldName.toUpperCase(Locale.ROOT) : column.name();
        } catch (NoSuchFieldException e) {
            throw new AssertionError("ElevationWindowEntity has no field " + fieldName, e);
        }
    }

    /** Column to operator of each {@code w.COLUMN op ?} condition of a where clause. */
    private static Map<String, String> conditions(String sqlWhere) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Matcher condition = Pattern.compile("w\\.(\\w+) (=|>|>=|<|<=) \\?").matcher(sqlWhere);
        while (condition.find()) {
            conditions.put(condition.group(1), condition.group(2));
        }
        return conditions;
    }

    /** The master changelog and the files it includes, in order. */
    private static List<Document> changelogs() throws IOException, SAXException, ParserConfigurationException {
        Document master = parse(CHANGELOG);
        List<Document> all = new ArrayList<>(List.of(master));
        for (Element include : elements(master.getDocumentElement(), "include")) {
            all.add(parse(include.getAttribute("file")));
        }
        return all;
    }

    private static Document parse(String resource) throws IOException, SAXException, ParserConfigurationException {
        try (InputStream xml = WindowIndexIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(xml).as("classpath resource %s", resource).isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(xml);
        }
    }

    private static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
