/**
 * How an outside value (a setting, a line of /proc) is shown in a message: quoted, escaped and cut short. Not API:
 * may change in any release.
 */
package dev.portguard.core.internal.text;
