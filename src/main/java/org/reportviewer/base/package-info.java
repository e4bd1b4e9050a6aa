/**
 * Small JDK-only helpers every layer may use: the one atomic file write and the one thread factory.
 * Depends on nothing of the app.
 */
package org.reportviewer.base;
