package archfixtures.webhooksfeatures.webhooks.endpoint;

import archfixtures.webhooksfeatures.webhooks.delivery.Deliveries;

/** Violates "webhooks.endpoint uses nothing of webhooks.delivery". */
public class ManageEndpoints {
    Deliveries deliveries;
}
