package dev.netwright.frontend.learn;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Map;

/** The learn mode's start page: what each page teaches. */
@Route("learn")
@PageTitle("Learn · Netwright")
@PermitAll
public class LearnView extends VerticalLayout {
    private static final Map<LearnNav.Page, String> WHAT = Map.of(
            LearnNav.INSPECTOR, "Step through a small network neuron by neuron: weighted sum, bias, pre-activation and"
                    + " activation, with the numbers filled in. Type a textbook example or use your own design.",
            LearnNav.PARAMETERS, "Where a design's parameter count comes from, layer by layer, as formulas that add"
                    + " up to the total.",
            LearnNav.ACTIVATIONS, "Every activation function and its derivative, and softmax over logits you type.",
            LearnNav.GRADIENTS, "Why deep sigmoid networks train slowly: per-layer gradient norms of a deep sigmoid"
                    + " and a deep ReLU network, measured while they train.",
            LearnNav.PLAYGROUND, "Train a small network on moons, circles or spirals and watch its decision boundary"
                    + " form.");

    public LearnView() {
        setMaxWidth("1100px");
        add(new LearnNav(null), new H2("Learn"), new Paragraph("The arithmetic behind neural networks, on small"
                + " examples and on your own designs. From the designer, the Learn buttons open the current design"
                + " here."));
        for (LearnNav.Page page : LearnNav.ALL) {
            Div card = new Div(new Anchor(page.route(), page.title()), new Paragraph(WHAT.get(page)));
            card.addClassName("nw-learn-card");
            add(card);
        }
    }
}
