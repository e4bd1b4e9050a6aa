/**
 * Figures and messages shared by every layer: units (sizes, counts, times, rates), the root-cause
 * walk for error messages, the token rule. Depends on nothing of the app.
 */
package org.reportviewer.format;
