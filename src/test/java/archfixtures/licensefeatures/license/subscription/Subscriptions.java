package archfixtures.licensefeatures.license.subscription;

public class Subscriptions {
}
