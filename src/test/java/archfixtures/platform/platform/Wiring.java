package archfixtures.platform.platform;

public class Wiring {
}
