using System.Xml;
using System.Xml.Linq;
using SkillMix.Experiments.Spec;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Finds the line where the project declares an item, so an error about a TrainingSet, FineTune or Evaluation points at
/// it. MSBuild does not keep item positions for tasks; the project file is read only when an error needs a location.
/// </summary>
internal sealed class ProjectXmlLocator(string projectFile)
{
    private XDocument? _document;
    private bool _loaded;

    public SpecLocation Locate(DeclaredItem item)
    {
        var element = Document()?.Descendants()
            .FirstOrDefault(e => e.Name.LocalName == item.ItemType && (string?)e.Attribute("Include") == item.Include);
        return element is IXmlLineInfo info && info.HasLineInfo()
            ? new SpecLocation(projectFile, info.LineNumber, info.LinePosition)
            : new SpecLocation(projectFile);
    }

    private XDocument? Document()
    {
        if (!_loaded)
        {
            _loaded = true;
            try
            {
                _document = XDocument.Load(projectFile, LoadOptions.SetLineInfo);
            }
            catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
            {
                // MSBuild has already read the file; without it the error still names the project, only not the line.
                _document = null;
            }
        }
        return _document;
    }
}
