package archfixtures.webhooksfeatures.webhooks.delivery;

/** The fixture's outbox. */
public class Deliveries {
}
