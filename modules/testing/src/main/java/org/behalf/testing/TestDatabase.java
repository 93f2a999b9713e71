package org.behalf.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A throw-away schema on a real MySQL-compatible server, one per test JVM (DESIGN.md section 8:
 * tests never replace the database with a mock).
 *
 * <p>The server comes from {@code BEHALF_DB_URL} (a JDBC URL without a schema, default
 * {@code jdbc:mysql://127.0.0.1:3306}), with {@code BEHALF_DB_USER} / {@code BEHALF_DB_PASSWORD}
 * (default root with an empty password). The schema is dropped when the JVM exits, so that
 * test runs never see each other's rows.
 */
public final class TestDatabase {

    private static final String SERVER_URL = setting("BEHALF_DB_URL", "jdbc:mysql://127.0.0.1:3306");
    private static final String USER = setting("BEHALF_DB_USER", "root");
    private static final String PASSWORD = setting("BEHALF_DB_PASSWORD", "");
    private static final String PARAMETERS = "useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC";

    private static volatile TestDatabase shared;

    private final String schema;

    private TestDatabase(String schema) {
        this.schema = schema;
    }

    /** The schema of this test JVM, created on first use. */
    public static TestDatabase shared() {
        if (shared == null) {
            synchronized (TestDatabase.class) {
                if (shared == null) {
                    shared = create();
                }
            }
        }
        return shared;
    }

    /** A further schema of its own, for a test that needs a second, empty database. */
    public static TestDatabase create() {
        return create(" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    /**
     * A schema with the server's default character set and collation, as a production database
     * created without options (or by Connector/J's createDatabaseIfNotExist) has them.
     */
    public static TestDatabase createWithServerDefaults() {
        return create("");
    }

    private static TestDatabase create(String options) {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String schema = "behalf_test_" + HexFormat.of().formatHex(random);
        execute(serverUrl(), "CREATE DATABASE " + schema + options);
        TestDatabase database = new TestDatabase(schema);
        Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
        return database;
    }

    public String schema() {
        return schema;
    }

    public String url() {
        return at(schema);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Spring Boot's data-source settings for this schema, for a test's {@code @DynamicPropertySource}. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", url(), "spring.datasource.username", USER, "spring.datasource.password", PASSWORD);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /**
     * Runs one statement on this schema, {@code values} bound in order; its update count. For a test
     * that reads what the database itself decides (a collation, a key), with no application between.
     */
    public int update(String sql, Object... values) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = prepared(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** The first column of every row {@code sql} finds on this schema, {@code values} bound in order (see {@link #update}). */
    public List<String> strings(String sql, Object... values) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = prepared(connection, sql, values);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    private static PreparedStatement prepared(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    /** The server's URL, without a schema; for tests that create their own database users. */
    public static String serverUrl() {
        return at("");
    }

    private void drop() {
        execute(serverUrl(), "DROP DATABASE IF EXISTS " + schema);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("No MySQL-compatible server answers at " + SERVER_URL
                    + " (set BEHALF_DB_URL, or run scripts/test which starts one): " + e.getMessage(), e);
        }
    }

    /** The server URL with {@code schema} as its path, keeping any parameters the URL came with. */
    private static String at(String schema) {
        int query = SERVER_URL.indexOf('?');
        String base = query < 0 ? SERVER_URL : SERVER_URL.substring(0, query);
        String given = query < 0 ? "" : SERVER_URL.substring(query + 1) + "&";
        int path = base.indexOf('/', "jdbc:mysql://".length());
        String host = path < 0 ? base : base.substring(0, path);
        return host + "/" + schema + "?" + given + PARAMETERS;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
