/**
 * A license after its activation: reads, an admin's status change ({@code ChangeLicenseStatus}) or batch
 * of them ({@code BatchStatusUpdate}, {@code AdminLicenseResource}), the owner's deactivation, an admin's
 * extension ({@code ExtendLicense}) and the expiry job. Also the module's doors: {@code LicenseFacade}
 * implements {@code license.api}, and {@code LicenseResource} is {@code /api/v1/licenses}, whose
 * {@code activate} and {@code validate} hand over to activation and validation.
 */
package io.hybridlicense.license.lifecycle;
