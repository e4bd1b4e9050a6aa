package org.reportviewer.server.sql;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds the JDBC driver for a URL among the bundled ones (PostgreSQL, DuckDB) and the jars of a
 * driver path, without a rebuild. Drivers are asked directly ({@code acceptsURL}); DriverManager is
 * not used because it ignores drivers from a class loader the caller cannot see.
 */
final class JdbcDrivers {

    private JdbcDrivers() {}

    static Driver find(String url, List<Path> driverPath, Secrets secrets) {
        ClassLoader loader = loader(driverPath);
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        List<String> seen = new ArrayList<>();
        while (true) {
            Driver d;
            try {
                if (!drivers.hasNext()) {
                    break;
                }
                d = drivers.next();
            } catch (ServiceConfigurationError e) {
                continue; // a broken jar on the driver path: skip it, keep looking
            }
            seen.add(d.getClass().getName());
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException ignored) {
                // this driver cannot tell: not the one
            }
        }
        throw new IllegalArgumentException("no JDBC driver takes " + secrets.redactUrl(url) + " (drivers found: "
                + String.join(", ", seen) + "); put the driver's jar in a folder and pass --driver-path FOLDER");
    }

    private static ClassLoader loader(List<Path> driverPath) {
        ClassLoader parent = JdbcDrivers.class.getClassLoader();
        if (driverPath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : driverPath) {
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> jars = Files.list(p)) {
                        for (Path jar : (Iterable<Path>) jars.filter(j -> j.toString().endsWith(".jar")).sorted()::iterator) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    urls.add(p.toUri().toURL());
                } else {
                    throw new IllegalArgumentException("--driver-path " + p + " is neither a jar nor a folder");
                }
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--driver-path " + p + ": " + e.getMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("--driver-path " + p + " cannot be read: " + e.getMessage());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
