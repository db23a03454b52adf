#include "voice/fill_in_carriers.h"

#include <array>
#include <map>

namespace echoes::voice {
namespace {

using Table = std::array<std::vector<std::string>, kPhoneCount>;

Table make_table() {
  // By name for readability; three phrases each, the phone in different positions.
  const std::map<std::string, std::vector<std::string>> by_name = {
      {"aa", {"The father is calm.", "A hot pot on top.", "Got a lot of cod."}},
      {"ae", {"A black cat sat.", "The happy man ran.", "Add a bag."}},
      {"ah", {"But the sun was up.", "Love above the mud.", "Come in a hurry."}},
      {"ao", {"Call all of the law.", "A long walk.", "Thought he saw it."}},
      {"aw", {"How now, brown cow.", "Out of the house.", "A loud shout."}},
      {"ay", {"My time is nigh.", "Five white kites.", "I like ice."}},
      {"b", {"A big brown bag.", "Rubber tubes.", "The cab is by the bay."}},
      {"ch", {"Each child chose cheese.", "Much church.", "Catch the chair."}},
      {"d", {"A dead duck.", "Ride today.", "The old door."}},
      {"dh", {"This other thing.", "They breathe there.", "Bathe the father."}},
      {"eh", {"Get the red pen.", "Any bed.", "Ten men said yes."}},
      {"er", {"Her first word.", "A bird of nerve.", "Turn over."}},
      {"ey", {"Make the same day.", "Eight plates.", "They say it."}},
      {"f", {"Five fine fish.", "After a laugh.", "Off the roof."}},
      {"g", {"Go get a bag.", "A big eagle.", "Again and again."}},
      {"hh", {"He has a hat.", "Behind the house.", "Who is here?"}},
      {"ih", {"It is in this bin.", "Fifty pins.", "Sit with him."}},
      {"iy", {"See the tree.", "Each evening.", "Please keep it."}},
      {"jh", {"Judge the large edge.", "A magic page.", "Just enjoy the jam."}},
      {"k", {"Keep the cake.", "Back in a second.", "Look at the clock."}},
      {"l", {"All the little leaves.", "Yellow lilies.", "Fill the pool."}},
      {"m", {"My mom came home.", "Summer time.", "Some more jam."}},
      {"n", {"Nine new nuns.", "Any son.", "Run in the rain."}},
      {"ng", {"Sing a long song.", "Singing and ringing.", "A strong young king."}},
      {"ow", {"Go home alone.", "Slow boats.", "Open the window."}},
      {"oy", {"The boy enjoys toys.", "Join the noisy voice.", "Oil and soy."}},
      {"p", {"Put the paper up.", "A happy pup.", "Stop the tap."}},
      {"r", {"Red roses are rare.", "Around the road.", "Very rich bread."}},
      {"s", {"Six small stones.", "A mess of ice.", "Sit still, sister."}},
      {"sh", {"She should wash.", "A fresh fish shop.", "Push the ship."}},
      {"t", {"Take ten tents.", "A little tot.", "Wait at the gate."}},
      {"th", {"Think of three things.", "Both teeth.", "A month of truth."}},
      {"uh", {"The good book.", "Look at the wool.", "Put the foot in."}},
      {"uw", {"Two blue shoes.", "A cool room.", "Move to the moon."}},
      {"v", {"A vivid view.", "Over the river.", "Have a voice."}},
      {"w", {"We want water.", "Away we went.", "Which way."}},
      {"y", {"Yes, you use it.", "A yellow yard.", "Beyond the canyon."}},
      {"z", {"Zoos have zebras.", "Is his nose busy.", "The lazy days."}},
      {"zh", {"The usual measure.", "A beige vision.", "Casual pleasure in Asia."}},
  };
  Table table;
  for (const auto& [name, phrases] : by_name) table[phone_id(name)] = phrases;
  return table;
}

}  // namespace

const std::vector<std::string>& carrier_texts(PhoneId phone) {
  static const Table table = make_table();
  static const std::vector<std::string> none;
  return phone > 0 && phone < kPhoneCount ? table[phone] : none;
}

}  // namespace echoes::voice
