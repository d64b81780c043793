package archfixtures.apiinternal.auth;

public class UserEntity {
}
