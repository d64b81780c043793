package archfixtures.licenseshared.license.lifecycle;

public class ChangeLicenseStatus {
}
