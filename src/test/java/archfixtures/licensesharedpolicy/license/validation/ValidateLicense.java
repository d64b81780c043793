package archfixtures.licensesharedpolicy.license.validation;

public class ValidateLicense {
}
