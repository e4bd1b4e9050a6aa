/**
 * The report document: a growing report spooled to a temp file with a sparse line index, line reads,
 * search and atomic save. No JavaFX here, so views, the CLI and tests can all use it without a toolkit.
 */
package org.reportviewer.document;
