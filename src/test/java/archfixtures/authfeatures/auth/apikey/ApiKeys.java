package archfixtures.authfeatures.auth.apikey;

public class ApiKeys {
}
