/**
 * The report as a page a person can read ({@code report.html}): the verdict, one chart per busy destination, the
 * findings as marked events. One self-contained file of HTML and inline SVG: no script, no font, no request.
 * Not API: may change in any release.
 */
package dev.portguard.core.internal.report.timeline;
