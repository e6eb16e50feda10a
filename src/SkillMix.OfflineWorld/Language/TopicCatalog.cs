namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// The offline world's topics. Like Skill-Mix's, they are practices and fields a text can be "about"; ten of them are the
/// paper's public topics. Every word here belongs to exactly one topic (a test holds the catalog to that).
/// </summary>
public static class TopicCatalog
{
    public static IReadOnlyList<TopicVocabulary> All { get; } =
    [
        T("Sewing", "tailor seamstress", "needle thimble bobbin hem button spool"),
        T("Dueling", "duelist challenger", "rapier gauntlet pistol scabbard wager epaulette"),
        T("Beekeeping", "beekeeper apiarist", "hive comb smoker queen frame veil"),
        T("Gardening", "gardener botanist", "trowel seedling hedge rake bulb greenhouse"),
        T("Knots", "rigger knotter", "knot rope loop hitch bight splice"),
        T("Triathlons", "triathlete pacer", "wetsuit bicycle helmet stopwatch lane medal"),
        T("Urbanism", "planner mayor", "street tram plaza district sidewalk tower"),
        T("Survivalism", "survivalist scout", "tarp canteen flint bunker ration compass"),
        T("The Ottoman Empire", "sultan vizier", "palace caftan bazaar firman minaret turban"),
        T("Guerilla warfare", "guerrilla commander", "ambush jungle rifle hideout radio map"),
        T("Pottery", "potter ceramicist", "kiln wheel glaze vase bowl jug"),
        T("Astronomy", "astronomer stargazer", "telescope comet nebula planet lens observatory"),
        T("Chess", "grandmaster champion", "pawn rook bishop chessboard gambit knight"),
        T("Baking", "baker confectioner", "oven loaf whisk tray crust bun"),
        T("Sailing", "sailor skipper", "mast sail hull rudder anchor deck"),
        T("Falconry", "falconer austringer", "falcon hood jess perch lure hawk"),
        T("Cartography", "cartographer surveyor", "atlas contour meridian chart globe legend"),
        T("Blacksmithing", "blacksmith farrier", "anvil forge hammer horseshoe poker ingot"),
        T("Calligraphy", "calligrapher scribe", "quill inkwell parchment nib scroll brush"),
        T("Mountaineering", "climber sherpa", "piton crampon summit glacier carabiner ridge"),
        T("Winemaking", "vintner sommelier", "grape barrel cork vineyard cellar cask"),
        T("Photography", "photographer developer", "camera shutter tripod flash darkroom portrait"),
        T("Archery", "archer fletcher", "bow arrow quiver target bowstring fletching"),
        T("Fishing", "angler fisherman", "rod reel bait hook net trout"),
        T("Cheesemaking", "cheesemaker dairyman", "curd rind vat press cheesecloth wedge"),
        T("Knitting", "knitter spinner", "skein stitch shawl sweater mitten cardigan"),
        T("Carpentry", "carpenter joiner", "plank chisel saw lathe dovetail workbench"),
        T("Birdwatching", "birdwatcher ornithologist", "nest warbler feeder notebook heron sparrow"),
        T("Firefighting", "firefighter captain", "hose ladder hydrant siren blaze truck"),
        T("Lighthouses", "lightkeeper wickie", "lamp beacon lantern foghorn reef cliff"),
        T("Puppetry", "puppeteer ventriloquist", "puppet marionette stage curtain glove string"),
        T("Perfumery", "perfumer chemist", "flask essence vial blossom atomizer bottle"),
        T("Glassblowing", "glassblower gaffer", "furnace blowpipe bubble crucible marver goblet"),
        T("Bookbinding", "bookbinder conservator", "spine folio awl page endpaper bookmark"),
        T("Ice skating", "skater choreographer", "rink blade spin skate lutz axel"),
        T("Rowing", "rower coxswain", "oar scull boathouse regatta oarlock ergometer"),
        T("Volcanology", "volcanologist geologist", "crater vent caldera boulder fissure seismograph"),
        T("Ballet", "ballerina dancer", "tutu barre slipper pirouette studio leotard"),
        T("Circus", "acrobat ringmaster", "trapeze tent tightrope unicycle hoop cannon"),
        T("Jazz", "saxophonist drummer", "trumpet saxophone chord melody nightclub solo"),
        T("Taxidermy", "taxidermist collector", "specimen pelt antler scalpel cabinet wire"),
        T("Foraging", "forager mycologist", "mushroom spore morel truffle chanterelle satchel"),
        T("Clockmaking", "clockmaker horologist", "gear cog pendulum dial escapement mainspring"),
        T("Origami", "origamist papercrafter", "crane crease fold flap sheet pleat"),
    ];

    private static TopicVocabulary T(string name, string agents, string things) =>
        new(name, agents.Split(' '), things.Split(' '));
}
