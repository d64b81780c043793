package archfixtures.adminfeatures.admin.console;

/** A console page, which uses the audit log and is never used by it. */
public class AuditLogPage {
}
