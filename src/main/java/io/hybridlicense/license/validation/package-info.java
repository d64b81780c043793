/**
 * Validation, the hot path: {@code POST /api/v1/licenses/validate} answered on the event loop
 * ({@code LicenseValidationRoute}, {@code ValidationJson}; lifecycle's {@code LicenseResource} documents
 * it and answers it when the route is switched off), the use case ({@code ValidateLicense}), the batched
 * read of the current rows on the reactive client ({@code CurrentLicenses}), the write-behind of
 * {@code last_validated_at} ({@code ValidationRecorder}, {@code PendingValidationTimes}) and the
 * validation metrics. No JPA here: see docs/adr/0005-license-validation-on-the-event-loop.md.
 */
package io.hybridlicense.license.validation;
