/**
 * Stage 1, counting: client hooks feed the ledger through the SPI; it keeps counts by destination, site and pool
 * and hands each route whose connections opened moved to detection. Not API: may change in any release.
 */
package dev.portguard.core.internal.ledger;
