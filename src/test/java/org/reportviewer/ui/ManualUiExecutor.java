package org.reportviewer.ui;

import org.reportviewer.testing.ManualExecutor;

/** {@link ManualExecutor} as the view-models' {@link UiExecutor}. */
final class ManualUiExecutor extends ManualExecutor implements UiExecutor {}
