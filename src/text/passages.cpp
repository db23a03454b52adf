#include "text/passages.h"

namespace echoes::text {

// Written for Echoes. Word choice was tuned with FliteFrontEnd for diphone coverage
// (see docs/passages.md for the figures and how they were measured).
const std::vector<Passage>& passages() {
  static const std::vector<Passage> all = {
      {"conversational-warmth", "Conversational Warmth",
       "Your everyday, relaxed speaking voice: greetings, questions and small talk.",
       "Hello, sweetheart! Come in out of the rain and let me have a good look at you. My, "
       "you've grown so tall. Hang your jacket by the door and pull up a kitchen chair. Would "
       "you like tea with sugar, or hot chocolate? Now, tell me all about college. Are you still "
       "singing with that choir every Saturday? Your sister called last week; she's moving to "
       "Chicago. Oh, and the doctor says my knee is doing much better. You know, your dad was "
       "always hungry after school, just like you. So sit back, relax, and share everything, big "
       "or small. Maybe you could stay the whole week? I'm so glad you're home.",
       45.0, "Speak as if to a grandchild across the kitchen table."},
      {"emotional-expression", "Emotional Expression",
       "Your expressive range: joy, fear, relief, loneliness and delight.",
       "Oh, what a wonderful surprise! What a joyful, noisy, glorious mess this house is today! "
       "The day your mother was born, I held her in my arms and cried with pure joy; I was so "
       "happy I thought my heart would burst. Years later, the night a thunderstorm uprooted our "
       "old oak tree, I was truly frightened. Lightning flashed, the windows rattled, and I was "
       "sure the roof would collapse. By dawn the sky was calm and blue, and the neighbors came "
       "with saws and hot soup. Ah, such relief! Some evenings feel quiet and lonely, and I sit "
       "in your dad's old room, where he kept every toy truck and every drawing. Then a little "
       "boy knocks on my door with a bunch of daisies, and I laugh like a girl again!",
       50.0, "Let each feeling show in your voice; it is fine to laugh or slow down."},
      {"wisdom-legacy", "Wisdom & Legacy",
       "Your thoughtful, measured voice for advice and stories worth keeping.",
       "If I could leave you one thing, it wouldn't be money, or the dusty treasures out in the "
       "garage. It would be this: be generous, even when it costs you something. I learned that "
       "from my father, a patient man who mended the neighbors' fences for nothing and never "
       "measured what he gave. Work hard, but don't judge your life by your paycheck. Don't be "
       "afraid of failure, either; it will teach you something. Tell the truth, and say sorry "
       "when you're wrong. Forgive people, and forgive yourself; nobody is perfect. Family is "
       "the greatest gift; they will be there when others aren't. Read good books, listen to "
       "music, visit the ocean, and plant a garden every spring. When a decision feels heavy, "
       "sleep on it. And enjoy the usual, ordinary days. Those are the ones you'll treasure "
       "most.",
       55.0, "Take your time, as if passing on something important to family."},
      {"technical-clarity", "Technical Clarity",
       "Your clear, careful voice for instructions, numbers and names.",
       "Here's how to install your new thermostat. You will need a screwdriver and about fifteen "
       "minutes. First, check the label on the back of the box for the model number. Then switch "
       "off the power at the breaker. Unclip the plastic cover by pushing the small tab along "
       "the edge. Attach each colored wire to the matching terminal. Next, insert two fresh "
       "batteries and snap the cover back on. Hold the round button for twelve seconds until the "
       "display glows. Adjust the temperature with the arrows; sixty-eight degrees is typical. "
       "If the screen stays blank, please phone the manufacturer's helpline.",
       40.0, "Read steadily and clearly, as if explaining steps over the phone."},
  };
  return all;
}

const Passage* find_passage(std::string_view id) {
  for (const auto& p : passages()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace echoes::text
