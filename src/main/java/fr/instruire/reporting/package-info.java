/**
 * What a beneficiary reports after the award: its usage indicators (the call's descriptor, {@code usageIndicators}) —
 * the plan it declares (the indicators it chose, its targets) and its monthly values — and the results and ratios the
 * payment decisions read, computed on the server from the stored reports.
 */
package fr.instruire.reporting;
